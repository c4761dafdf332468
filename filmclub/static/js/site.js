// filmclub's only script. Every page works without it; it makes a few things smoother:
// - a form marked data-fragment="#id" (comments, replies, "I'm going") is posted with fetch();
//   the server answers with the re-rendered section, which replaces #id, and the message a reload
//   would have shown. If anything goes wrong the form is submitted the ordinary way instead.
// - the member's menu closes on a click elsewhere or on Escape.
// - a film drop-down marked data-film-picker="<url>" (the favourite four) gets a box above it
//   that finds any film of the catalogue (films.picker): what the box finds fills the list, and
//   the first film found is chosen. Without the script the list holds the member's own films.
// - a table in a member's text that is wider than its column (it scrolls sideways in its own box,
//   site.css) takes the keyboard's focus, so that it can be scrolled without a mouse.
(function () {
  "use strict";

  function wideTablesTakeFocus() {
    document.querySelectorAll(".prose table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth) {
        table.setAttribute("tabindex", "0");
      } else {
        table.removeAttribute("tabindex");
      }
    });
  }

  wideTablesTakeFocus();
  window.addEventListener("resize", wideTablesTakeFocus);
  // A table in a spoiler has its width only once the spoiler is opened.
  document.addEventListener("toggle", wideTablesTakeFocus, true);

  function announce(messages) {
    var region = document.getElementById("messages");
    if (!region) {
      return;
    }
    region.replaceChildren();
    messages.forEach(function (message) {
      var paragraph = document.createElement("p");
      paragraph.className = "message message-" + message.level;
      paragraph.textContent = message.text;
      region.appendChild(paragraph);
    });
  }

  function swap(selector, data) {
    var current = document.querySelector(selector);
    var holder = document.createElement("template");
    holder.innerHTML = data.html.trim();
    var fresh = holder.content.firstElementChild;
    if (!current || !fresh) {
      window.location.reload();
      return;
    }
    current.replaceWith(fresh);
    announce(data.messages || []);
    var focus = (data.focus && document.getElementById(data.focus)) || fresh;
    focus.setAttribute("tabindex", "-1");
    focus.focus();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var selector = form.getAttribute("data-fragment");
    if (!selector || !window.fetch || event.defaultPrevented) {
      return;
    }
    event.preventDefault();
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (button) {
      button.disabled = true;
    });
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", Accept: "application/json" },
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        var json = type.indexOf("application/json") === 0;
        if (response.status === 429 && json) {
          // Over a rate limit: say so where messages go; the form keeps what was typed.
          return response.json().then(function (data) {
            announce(data.messages || []);
            buttons.forEach(function (button) {
              button.disabled = false;
            });
            return null;
          });
        }
        if (!response.ok || !json) {
          throw new Error("not a fragment");
        }
        return response.json();
      })
      .then(
        function (data) {
          if (data) {
            swap(selector, data);
          }
        },
        function () {
          // The server said no (an invalid form, a rate limit) or could not be reached: the
          // ordinary submission shows the full page with its explanation.
          HTMLFormElement.prototype.submit.call(form);
        }
      );
  });

  function filmPicker(select) {
    var box = document.createElement("input");
    var asked = "";
    var timer = null;
    box.type = "search";
    box.className = "film-picker";
    box.placeholder = "Find a film…";
    box.setAttribute("aria-label", "Find any film for the list below");
    box.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(box, select);

    function fill(films) {
      var kept = Array.prototype.filter.call(select.options, function (option) {
        return option.value === "" || option.selected;
      });
      select.replaceChildren.apply(select, kept);
      films.forEach(function (film) {
        if (String(film.id) === select.value) {
          return;
        }
        var option = document.createElement("option");
        option.value = film.id;
        option.textContent = film.label;
        select.appendChild(option);
      });
      if (films.length) {
        select.value = String(films[0].id);
      }
    }

    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var text = box.value.trim();
        if (text.length < 2 || text === asked || !window.fetch) {
          return;
        }
        asked = text;
        fetch(select.getAttribute("data-film-picker") + "?q=" + encodeURIComponent(text), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (response) {
            return response.ok ? response.json() : { films: [] };
          })
          .then(function (data) {
            if (asked === text) {
              fill(data.films || []);
            }
          });
      }, 250);
    });
  }

  document.querySelectorAll("select[data-film-picker]").forEach(filmPicker);

  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.member-menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) {
        menu.removeAttribute("open");
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    var menu = document.querySelector("details.member-menu[open]");
    if (event.key === "Escape" && menu) {
      menu.removeAttribute("open");
      menu.querySelector("summary").focus();
    }
  });
})();
