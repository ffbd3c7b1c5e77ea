// "Foreslå en proces", part 5 of 6: the fields the user adds items to one at a time (IT-systems,
// technologies, umbrellas, links), each item shown with a "Fjern" button.
(function (AP) {
  "use strict";
  function removeButton(name, onRemove) {
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "ap-remove";
    remove.textContent = "Fjern";
    remove.setAttribute("aria-label", "Fjern " + name);
    remove.addEventListener("click", onRemove);
    return remove;
  }

  function onEnter(input, action) {
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); action(); }
    });
  }

  AP.renderChosen = function (ctx, key) {
    var list = ctx.form.querySelector("[data-chosen='" + key + "']");
    list.replaceChildren();
    ctx.state.chosen[key].forEach(function (code) {
      var item = document.createElement("li");
      item.appendChild(document.createTextNode(code + " " + (AP.titleOf(ctx, key, code) || "") + " "));
      item.appendChild(removeButton(code, function () {
        ctx.state.chosen[key] = ctx.state.chosen[key].filter(function (c) { return c !== code; });
        AP.renderChosen(ctx, key);
        AP.$(AP.fieldId(key)).focus();
        ctx.update();
      }));
      list.appendChild(item);
    });
  };

  // An umbrella may be any id (the schema and the check judge it); a system or technology must be
  // in the list, by code or by name.
  function addChosen(ctx, key, code) {
    var chosen = ctx.state.chosen[key];
    if (key === "umbrellas") {
      if (chosen.indexOf(code.toLowerCase()) === -1) chosen.push(code.toLowerCase());
      AP.renderChosen(ctx, key);
      return true;
    }
    var wanted = code.toLowerCase();
    var hit = ctx.state.lists[key].filter(function (item) {
      return item.code === code || item.text.split(" – ")[0].split(" (")[0].toLowerCase() === wanted;
    })[0];
    if (!hit) {
      var error = AP.$(AP.fieldId(key) + "-error");
      error.hidden = false;
      error.textContent = "'" + code + "' findes ikke i listen. Vælg fra listen, eller tilføj det i den kuraterede liste (se hele listen).";
      return false;
    }
    if (chosen.indexOf(hit.code) === -1) chosen.push(hit.code);
    AP.renderChosen(ctx, key);
    return true;
  }

  AP.wireMany = function (ctx, key) {
    var input = AP.$(AP.fieldId(key));
    function add() {
      var code = input.value.trim();
      if (!code) return;
      if (addChosen(ctx, key, code)) input.value = "";
      ctx.update();
    }
    ctx.form.querySelector("[data-add='" + key + "']").addEventListener("click", add);
    onEnter(input, add);
  };

  AP.renderLinks = function (ctx) {
    var list = ctx.form.querySelector("[data-chosen='links']");
    list.replaceChildren();
    ctx.state.links.forEach(function (link, index) {
      var item = document.createElement("li");
      item.appendChild(document.createTextNode((link.title ? link.title + ": " : "") + link.url + " "));
      item.appendChild(removeButton(link.url, function () {
        ctx.state.links.splice(index, 1);
        AP.renderLinks(ctx);
        AP.$("f-links").focus();
        ctx.update();
      }));
      list.appendChild(item);
    });
  };

  AP.wireLinks = function (ctx) {
    var url = AP.$("f-links"), title = AP.$("f-links-title");
    function add() {
      if (!url.value.trim()) return;
      var link = {url: url.value.trim()};
      if (title.value.trim()) link.title = title.value.trim();
      ctx.state.links.push(link);
      url.value = "";
      title.value = "";
      AP.renderLinks(ctx);
      ctx.update();
    }
    ctx.form.querySelector("[data-add='links']").addEventListener("click", add);
    onEnter(url, add);
    onEnter(title, add);
  };
})(window.autoprocesForm = window.autoprocesForm || {});
