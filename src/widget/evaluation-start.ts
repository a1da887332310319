// When the bundle began to run: the script tag imports this module first, so it is evaluated
// before every other (it imports nothing). The mount times its first task from here (widget.ts
// yieldToPageIfLong): a mount in the script's own evaluation task counts the whole bundle's
// evaluation. In the ESM build it runs where the app's bundler puts it.
export const evaluationStartedAt = performance.now();
