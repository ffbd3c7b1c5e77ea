// "Foreslå en proces", part 2 of 6: the reference lists, read from the published schema's enums.
(function (AP) {
  "use strict";
  function enumOf(prop) {
    var node = prop.items || prop;
    var branch = (node.anyOf || []).filter(function (b) { return b.type === "string"; })[0] || node;
    var texts = branch.markdownEnumDescriptions || [];
    return (branch.enum || []).map(function (code, i) {
      return {code: code, text: AP.unescapeMarkdown(texts[i] || "")};
    });
  }
  function inactive(item) { return /\[(udgået|flyttet)/.test(item.text); }

  function option(value, label, text) {
    var element = document.createElement("option");
    element.value = value;
    if (label) element.label = label;
    element.textContent = text;
    return element;
  }

  // The lists of the schema into the form's suggestions (datalists) and the organisation menu.
  AP.fillLists = function (ctx) {
    var props = ctx.state.schema.properties;
    ctx.state.lists = {kle: enumOf(props.kle), form: enumOf(props.form), it_systems: enumOf(props.it_systems),
                       technologies: enumOf(props.technologies), municipalities: enumOf(props.municipality)};
    Array.prototype.forEach.call(ctx.form.querySelectorAll("datalist"), function (datalist) {
      var input = ctx.form.querySelector("[list='" + datalist.id + "']");
      if (!input.hasAttribute("data-list")) return;  // filled on the server (umbrellas)
      var name = input.getAttribute("data-list");
      var items = ctx.state.lists[name].filter(function (item) {
        return !inactive(item) && (name !== "kle" || item.code.length === 8);
      });
      datalist.replaceChildren();
      items.forEach(function (item) { datalist.appendChild(option(item.code, item.text, item.code + " " + item.text)); });
    });
    var select = AP.$("f-municipality");
    ctx.state.lists.municipalities.forEach(function (item) {
      select.appendChild(option(item.code, null, item.text + " (" + item.code + ")"));
    });
  };

  AP.titleOf = function (ctx, list, code) {
    var hit = (ctx.state.lists[list] || []).filter(function (item) { return item.code === code; })[0];
    return hit ? hit.text : null;
  };
})(window.autoprocesForm = window.autoprocesForm || {});
