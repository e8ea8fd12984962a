// commander's own usage errors (unknown option, too many arguments, …), said in the user's
// language. commander writes them in English only; the CLI silences that and says them here,
// from the error's code and the details commander's message quotes.
import type { CliText } from './text.js';

type Say = (details: readonly string[], text: CliText) => string;

/** For each code: the pattern of commander's message, and what to say with what it captured. */
const MESSAGES: Readonly<Record<string, readonly [RegExp, Say]>> = {
  'commander.unknownOption': [/unknown option '([^']*)'(?:\s*\(Did you mean (.*)\?\))?/, ([option = '', suggestion], t) => t.unknownOption(option, suggestion)],
  'commander.unknownCommand': [/unknown command '([^']*)'/, ([command = ''], t) => t.unknownCommand(command)],
  'commander.excessArguments': [/Expected (\d+) arguments? but got (\d+)/, ([expected = '', got = ''], t) => t.excessArguments(expected, got)],
  'commander.missingArgument': [/missing required argument '([^']*)'/, ([name = ''], t) => t.missingArgument(name)],
  'commander.optionMissingArgument': [/option '([^']*)' argument missing/, ([flags = ''], t) => t.optionMissingArgument(flags)],
  'commander.invalidArgument': [
    /option '([^']*)' argument '([^']*)' is invalid\. (?:Allowed choices are (.*)\.|(.*))$/s,
    ([flags = '', value = '', choices, why = ''], t) => t.invalidArgument(flags, value, choices === undefined ? why : t.choices(choices)),
  ],
};

/** What to print for a commander error; its own English message when it is one not known here. */
export function commanderErrorText(code: string, message: string, text: CliText): string {
  const known = MESSAGES[code];
  const match = known?.[0].exec(message);
  if (!known || !match) return message.replace(/^error: /, '');
  return known[1](match.slice(1), text);
}
