// The ribbon's function file. The Home tab button opens the task pane (ShowTaskpane in
// manifest.xml), which needs no code; this page exists so that Office has a function file to
// load, and is where a future ExecuteFunction command (e.g. "Run again") would be associated.
Office.onReady(() => {
  // Nothing to register yet.
});
