import { describe, expect, it } from 'vitest';
import { parseListing } from '../../src/demos/listing.js';

describe('parseListing', () => {
  it('hides markers and maps each step to its line', () => {
    const listing = parseListing('int main(void) {\n    pipe(fd);   // @step pipe\n    return 0; // @step end\n}\n');
    expect(listing.lines).toEqual(['int main(void) {', '    pipe(fd);', '    return 0;', '}']);
    expect([...listing.steps]).toEqual([['pipe', 1], ['end', 2]]);
  });

  it('leaves ordinary comments alone', () => {
    const listing = parseListing('x = 1; // set x\n');
    expect(listing.lines).toEqual(['x = 1; // set x']);
    expect(listing.steps.size).toBe(0);
  });

  it('refuses a step marked twice', () => {
    expect(() => parseListing('a(); // @step a\nb(); // @step a\n')).toThrow(/appears twice/);
  });
});
