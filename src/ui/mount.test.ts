import { afterEach, describe, expect, it } from "vitest";
import { applyTheme, createHost, HOST_TAG } from "./mount";

afterEach(() => document.body.replaceChildren());

describe("createHost", () => {
  it("puts an empty host with an open shadow root at the end of <body>", () => {
    const { host, shadow, dispose } = createHost(document, {});
    expect(host.tagName.toLowerCase()).toBe(HOST_TAG);
    expect(document.body.lastElementChild).toBe(host);
    expect(host.shadowRoot).toBe(shadow);
    expect(shadow.childNodes).toHaveLength(0);
    dispose();
    expect(host.isConnected).toBe(false);
  });

  it("adopts one constructed stylesheet, shared per document, and adds no <style>", () => {
    const a = createHost(document, {});
    const b = createHost(document, {});
    expect(a.shadow.adoptedStyleSheets).toHaveLength(1);
    expect(a.shadow.adoptedStyleSheets[0]).toBe(b.shadow.adoptedStyleSheets[0]);
    expect(document.querySelectorAll("style")).toHaveLength(0);
    expect(a.host.hasAttribute("style")).toBe(false);
  });

  it("renders inline into the target", () => {
    const target = document.body.appendChild(document.createElement("div"));
    const { host } = createHost(document, { target });
    expect(host.parentElement).toBe(target);
  });

  it("uses the page's own element in place and leaves it there on dispose", () => {
    const before = document.body.appendChild(document.createElement("p"));
    const element = document.body.appendChild(document.createElement("progressive-profile"));
    const { host, shadow, dispose } = createHost(document, { element });
    expect(host).toBe(element);
    expect(element.previousElementSibling).toBe(before);
    shadow.append(document.createElement("section"));
    applyTheme(host, { accent: "#000" });
    dispose();
    expect(element.isConnected).toBe(true);
    expect(shadow.childNodes).toHaveLength(0);
    expect(element.style.getPropertyValue("--pp-accent")).toBe("");
    // Mounting again reuses the root a shadow host can never lose.
    expect(createHost(document, { element }).shadow).toBe(shadow);
  });

  it("is in the page at once when the script runs in <head>, at the end of <html>", () => {
    const doc = document.implementation.createHTMLDocument("t");
    doc.body.remove();
    const { host } = createHost(doc, {});
    // So that an error found before the body exists still reaches a listener on the document.
    const heard: string[] = [];
    doc.addEventListener("progressive-profile:error", (e) => heard.push(e.type));
    host.dispatchEvent(new CustomEvent("progressive-profile:error", { bubbles: true, composed: true }));
    expect(heard).toEqual(["progressive-profile:error"]);
    expect(host.parentElement).toBe(doc.documentElement);
  });
});

describe("applyTheme", () => {
  it("sets every custom property through CSSOM, inline and important, defaults included", () => {
    const { host } = createHost(document, {});
    applyTheme(host, { accent: "#0f766e", radius: "4px", font: "inherit" });
    expect(host.style.getPropertyValue("--pp-accent")).toBe("#0f766e");
    expect(host.style.getPropertyValue("--pp-radius")).toBe("4px");
    // "inherit" is the page's font: an invalid value, so font-family falls back to inheriting it.
    expect(host.style.getPropertyValue("--pp-font")).toBe("initial");
    expect(host.style.getPropertyPriority("--pp-accent")).toBe("important");
    applyTheme(host, { font: "Georgia, serif" });
    expect(host.style.getPropertyValue("--pp-font")).toBe("Georgia, serif");
    expect(host.style.getPropertyValue("--pp-accent")).toBe("#4f46e5");
    expect(host.style.getPropertyValue("--pp-radius")).toBe("8px");
    applyTheme(host);
    expect(host.style.getPropertyValue("--pp-font")).toBe("initial");
  });
});
