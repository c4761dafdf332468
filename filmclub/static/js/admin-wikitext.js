/* The wikitext import's paste form: a paste over the size limit is refused here, with the
   server's own words, before it is sent. The server refuses it too (films.wikitext.forms), but a
   paste over Django's request limit (2.5 MB) never reaches the page that could say why. */
"use strict";
(function () {
  const form = document.querySelector("form.wikitext-import");
  const textarea = form && form.querySelector("textarea[data-max-bytes]");
  if (!textarea) return;
  const limit = Number(textarea.dataset.maxBytes);
  const note = document.createElement("div");
  note.className = "errornote";
  note.setAttribute("role", "alert");
  note.hidden = true;
  form.prepend(note);
  form.addEventListener("submit", (event) => {
    const size = new TextEncoder().encode(textarea.value).length;
    if (size <= limit) return;
    event.preventDefault();
    const megabytes = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;
    note.textContent = `The article is ${megabytes(size)}; the limit is ${megabytes(limit)}. ` +
      "Paste only the film's article.";
    note.hidden = false;
  });
})();
