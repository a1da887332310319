// The simulator page's entry. The example is the config file itself, as text, so the line
// numbers in the editor are the file's.
import { render } from "preact";
import example from "../public/questions.json?raw";
import { App } from "./App";

const root = document.getElementById("simulator");
if (root) {
  root.textContent = "";
  render(<App example={example} />, root);
}
