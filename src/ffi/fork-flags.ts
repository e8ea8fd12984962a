// The node flags a process needs before it may fork (see fork.ts). Pure data:
// the controller passes them when it starts a runner.
//
// --single-threaded: V8's worker threads do not survive fork(); a child that
//   collects garbage deadlocks on their copied locks.
// --no-lazy-feedback-allocation: V8 otherwise allocates a function's feedback
//   vector after some calls — measured here around the 50th fork — and a page
//   it maps between the MADV_DOFORK sweep and fork() is missing in the child
//   (SIGSEGV in 1 of ~300 children; 0 of 1,800 with the flag).
export const FORK_NODE_FLAGS = ['--single-threaded', '--no-lazy-feedback-allocation'] as const;
