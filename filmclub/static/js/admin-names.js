/* Names Django's admin leaves out, for screen readers (and axe). Its autocomplete drop-downs
   (select2) name their combobox by the selected item only: an empty one has no name at all, and
   none says which field it is. Each is labelled by its field's name (the select's aria-label, or
   its <label>) followed by the selected item, also in the rows "Add another" makes later. */
"use strict";
(function () {
  function fieldName(select) {
    if (select.getAttribute("aria-label")) return select.getAttribute("aria-label");
    const label = select.id && document.querySelector(`label[for="${select.id}"]`);
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function nameCombobox(combobox) {
    const container = combobox.closest(".select2-container");
    const select = container && container.previousElementSibling;
    if (!select || select.tagName !== "SELECT" || combobox.dataset.named) return;
    const name = fieldName(select);
    if (!name) return;
    const holder = document.createElement("span");
    holder.id = `${select.id}-field-name`;
    holder.hidden = true;
    holder.textContent = name;
    container.append(holder);
    const rendered = combobox.getAttribute("aria-labelledby") || "";
    combobox.setAttribute("aria-labelledby", `${holder.id} ${rendered}`.trim());
    // The read-only box showing the choice: named by its title, which an empty one lacks.
    const shown = rendered && document.getElementById(rendered);
    if (shown) shown.setAttribute("aria-labelledby", holder.id);
    combobox.dataset.named = "true";
  }

  function nameAll(root) {
    root.querySelectorAll(".select2-selection[role=combobox]").forEach(nameCombobox);
    // filter_horizontal's search icons carry an aria-label, which a plain span may not.
    root.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
  }

  // A row "Add another" copies says "New cast member: character": number it like the others.
  document.addEventListener("formset:added", (event) => {
    const number = Number(event.target.id.split("-").pop()) + 1;
    event.target.querySelectorAll("[aria-label^='New ']").forEach((field) => {
      const named = field.getAttribute("aria-label").replace(
        /^New (.)([^:]*):/,
        (_, first, rest) => `${first.toUpperCase()}${rest} ${number}:`,
      );
      field.setAttribute("aria-label", named);
    });
  });

  window.addEventListener("load", () => {
    nameAll(document);
    new MutationObserver((changes) => {
      for (const change of changes) {
        change.addedNodes.forEach((node) => {
          if (node.nodeType === Node.ELEMENT_NODE) nameAll(node.parentElement || node);
        });
      }
    }).observe(document.body, {childList: true, subtree: true});
  });
})();
