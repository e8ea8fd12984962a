// <sys/msg.h>
// Prototypes are added by the demo that needs them, written as the man page writes them.

/** The calls a demo makes through the traced facade. */
export const calls = {};
