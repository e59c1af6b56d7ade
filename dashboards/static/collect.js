// The form of an impact-measurement day, made to survive a poor
// connection: every answer is first kept in this phone's storage with an
// idempotency key of its own, then sent; what cannot be sent waits and is
// sent on the browser's online event and every 10 seconds. The server
// stores an answer once however often its key arrives. Without this
// script the form posts as any form does.
(function () {
  "use strict";
  var form = document.getElementById("collect-form");
  if (!form || !window.fetch || !window.localStorage || !window.crypto || !window.URLSearchParams) {
    return;
  }
  var store = "impact-collect:" + form.getAttribute("data-token");
  var status = document.getElementById("collect-status");
  var note = document.getElementById("offline-note");
  if (note) {
    note.hidden = false;
  }
  var sending = false;

  function text(name, n) {
    return (form.getAttribute("data-" + name) || "").replace("%d", String(n));
  }
  function show(message, kind) {
    status.textContent = message;
    status.className = "status" + (kind ? " " + kind : "");
  }
  function queue() {
    try {
      return JSON.parse(localStorage.getItem(store)) || [];
    } catch (e) {
      return [];
    }
  }
  function keep(list) {
    localStorage.setItem(store, JSON.stringify(list));
  }
  function drop(key) {
    keep(queue().filter(function (a) { return a.key !== key; }));
  }
  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function post(answer) {
    var body = new URLSearchParams();
    answer.fields.forEach(function (f) { body.append(f[0], f[1]); });
    body.set("key", answer.key);
    body.set("csrf", form.elements.csrf.value);
    // A request that hangs on a poor connection is given up after 20 s
    // and sent again later; if the server stored it meanwhile, the same
    // key makes the second sending a no-op.
    var abort = window.AbortController ? new AbortController() : null;
    var timer = abort ? window.setTimeout(function () { abort.abort(); }, 20000) : 0;
    return fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json" }, signal: abort ? abort.signal : undefined
    }).then(function (res) {
      window.clearTimeout(timer);
      return res;
    }, function (err) {
      window.clearTimeout(timer);
      throw err;
    });
  }
  // freshToken reads a new CSRF token from the form page: the server may
  // have restarted, or the phone lost its cookie, while answers waited.
  function freshToken() {
    return fetch(window.location.href, { credentials: "same-origin" }).then(function (res) {
      return res.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var input = doc.querySelector("input[name=csrf]");
      if (input) {
        form.elements.csrf.value = input.value;
      }
    });
  }
  function refill(answer) {
    answer.fields.forEach(function (f) {
      var el = form.elements[f[0]];
      if (!el) {
        return;
      }
      if (el.length !== undefined && el.tagName === undefined) {
        Array.prototype.forEach.call(el, function (r) { r.checked = r.value === f[1]; });
      } else if (el.type === "radio") {
        el.checked = el.value === f[1];
      } else {
        el.value = f[1];
      }
    });
  }
  function sendOne(answer, retried) {
    return post(answer).then(function (res) {
      if (res.ok) {
        drop(answer.key);
        return "sent";
      }
      if (res.status === 403 && !retried) {
        return freshToken().then(function () { return sendOne(answer, true); });
      }
      // Over the rate, the store busy with another command (409), the
      // server failing or restarting: the answer waits and is sent again.
      if (res.status === 429 || res.status === 409 || res.status === 408 || res.status >= 500 || res.status === 403) {
        return "wait";
      }
      // Refused for good (a closed form, an id or a value the server does
      // not take): the answer goes back into the form to be corrected.
      drop(answer.key);
      return res.json().then(function (body) {
        refill(answer);
        show(text("refused") + " " + (body && body.error ? body.error.message : ""), "bad");
        return "refused";
      }, function () { return "refused"; });
    });
  }
  function flush() {
    if (sending) {
      return;
    }
    var list = queue();
    if (list.length === 0) {
      return;
    }
    sending = true;
    var next = function (i, sent) {
      if (i >= list.length) {
        return sent;
      }
      return sendOne(list[i], false).then(function (result) {
        if (result === "wait") {
          throw new Error("wait");
        }
        return next(i + 1, sent + (result === "sent" ? 1 : 0));
      });
    };
    next(0, 0).then(function (sent) {
      sending = false;
      if (sent > 0 && queue().length === 0) {
        show(text("sent"), "ok");
      }
    }, function () {
      sending = false;
      var waiting = queue().length;
      if (waiting > 0) {
        show(text("waiting", waiting));
      }
    });
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrf" || el.name === "key") {
        return;
      }
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) {
        return;
      }
      fields.push([el.name, el.value]);
    });
    var list = queue();
    list.push({ key: newKey(), fields: fields });
    keep(list);
    form.reset();
    show(text("kept"), "ok");
    window.scrollTo(0, 0);
    flush();
  });
  window.addEventListener("online", flush);
  window.setInterval(flush, 10000);
  flush();
})();
