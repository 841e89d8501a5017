// papers serve: keeps this page up to date. The server sends the version
// of each view on /_papers/events whenever a save changes it; when this
// page's version differs, the page is fetched again and its head styles,
// title and body are swapped in place (no full reload, scroll kept).
(() => {
  "use strict";
  const meta = (name) => document.querySelector(`meta[name="${name}"]`);
  const view = meta("papers-view")?.content || "web";
  let busy = false;
  let again = false;

  const swap = (html) => {
    const next = new DOMParser().parseFromString(html, "text/html");
    const x = window.scrollX;
    const y = window.scrollY;
    document.title = next.title;
    const oldStyles = document.head.querySelectorAll("style");
    const newStyles = next.head.querySelectorAll("style");
    oldStyles.forEach((s) => s.remove());
    newStyles.forEach((s) => document.head.appendChild(document.adoptNode(s)));
    const version = next.querySelector('meta[name="papers-version"]');
    if (version) meta("papers-version").content = version.content;
    const body = document.adoptNode(next.body);
    // Keep the images (the printed pages) whose address did not change:
    // they are drawn already, and an address names its content.
    const drawn = new Map();
    document.body.querySelectorAll("img[src]").forEach((img) => drawn.set(img.getAttribute("src"), img));
    body.querySelectorAll("img[src]").forEach((img) => {
      const old = drawn.get(img.getAttribute("src"));
      if (old) {
        drawn.delete(img.getAttribute("src"));
        img.replaceWith(old);
      }
    });
    document.body.replaceWith(body);
    window.scrollTo(x, y);
  };

  const refresh = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const response = await fetch(location.pathname, { cache: "no-store" });
        if (response.ok) swap(await response.text());
      } while (again);
    } catch (e) {
      // The server may be restarting: the event stream reconnects by itself.
    } finally {
      busy = false;
    }
  };

  const events = new EventSource("/_papers/events");
  events.addEventListener("update", (event) => {
    const versions = JSON.parse(event.data);
    if (String(versions[view]) !== meta("papers-version")?.content) refresh();
  });
})();
