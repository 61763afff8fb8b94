// Stands in for @stdlib/assert-has-generator-support in the browser build. The original probes
// with `new Function(...)`, which the pane's Content-Security-Policy (no 'unsafe-eval') blocks and
// reports. Every browser the pane runs in has generators, and so does Node, where the tests run:
// answering true keeps the browser on the same code path (and the same numbers) as the tests.
module.exports = function hasGeneratorSupport() {
  return true;
};
