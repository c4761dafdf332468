// The half-star rating control (reviews/widgets.py): ten radios drawn as stars and a
// "No rating" radio. It works without this script (arrow keys, clicks, the "No rating" radio);
// this adds what radios cannot do: clicking the chosen star again, or pressing Delete or
// Backspace on it, clears the rating.
(function () {
  "use strict";

  function clearRating(fieldset) {
    var none = fieldset.querySelector("input.star-clear");
    if (none) {
      none.checked = true;
      none.dispatchEvent(new Event("change", { bubbles: true }));
      none.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var label = event.target.closest("[data-star-rating] label.star");
    if (!label) {
      return;
    }
    var input = document.getElementById(label.htmlFor);
    if (input && input.checked) {
      event.preventDefault();
      clearRating(label.closest("[data-star-rating]"));
    }
  });

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-star-rating] input.star:checked")) {
      return;
    }
    if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      clearRating(input.closest("[data-star-rating]"));
    }
  });
})();
