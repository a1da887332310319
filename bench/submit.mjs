// Step submit → message durable in IndexedDB. The real widget on a page whose backend never
// answers: fill the first field, click Next, and read (from the probe) when the outbox
// transaction holding the message committed and when the next step's control showed. The
// widget only moves on once the write is durable, so the second figure includes the first.
import { withPage, controlsShown, readLog } from "./browser.mjs";

async function outboxKeys(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("progressive-profile-outbox");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const keys = open.result.transaction("kv").objectStore("kv").getAllKeys();
          keys.onsuccess = () => resolve(keys.result.map(String).filter((k) => k.startsWith("msg:")));
          keys.onerror = () => reject(keys.error);
        };
      }),
  );
}

async function submitOnce(browser, origin, i) {
  const url = `${origin}/page/widget.html?endpoint=/api/hold/submit-${i}`;
  return withPage(browser, { url }, async (page) => {
    await controlsShown(page, 1);
    await page.getByRole("textbox", { name: "Name" }).fill("Ada Lovelace");
    await page.getByRole("button", { name: "Next" }).click();
    await controlsShown(page, 2);
    const log = await readLog(page);
    const click = log.clicks.at(-1);
    const commit = log.outboxCommits[0];
    const keys = await outboxKeys(page);
    if (!commit || keys.length !== 1) throw new Error(`expected one outbox message, found ${keys.length}`);
    return {
      durableMs: commit.committed - click,
      putMs: commit.put - click,
      nextShownMs: log.controls[1].t - click,
      nextControl: log.controls[1].name,
    };
  });
}

export async function measureSubmit(browser, origin, { runs, onProgress = () => {} }) {
  const samples = [];
  await submitOnce(browser, origin, "warmup");
  for (let i = 0; i < runs; i++) {
    samples.push(await submitOnce(browser, origin, i));
    onProgress(i + 1, runs);
  }
  return samples;
}
