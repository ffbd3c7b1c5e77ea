// "Foreslå en proces", part 4 of 6: the process file's text. The fields in the model's order, every
// free text as a double-quoted string (valid YAML whatever it holds), codes and choices plain.
(function (AP) {
  "use strict";
  function isEmpty(value) {
    return value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length);
  }

  AP.yaml = function (config, v) {
    var plain = {put_into_operation: 1, decommissioned: 1};
    config.plain.forEach(function (key) { plain[key] = 1; });
    var lines = config.schemaLine ? ["# yaml-language-server: $schema=" + config.schemaLine] : [];
    config.order.forEach(function (key) {
      var value = v[key];
      if (isEmpty(value)) return;
      if (key === "contact") {
        lines.push("contact:");
        ["name", "email", "phone", "role"].forEach(function (sub) {
          if (value[sub]) lines.push("  " + sub + ": " + JSON.stringify(String(value[sub])));
        });
      } else if (key === "links") {
        lines.push("links:");
        value.forEach(function (link) {
          lines.push("  - url: " + JSON.stringify(link.url));
          if (link.title) lines.push("    title: " + JSON.stringify(link.title));
        });
      } else if (Array.isArray(value)) {
        lines.push(key + ": [" + value.join(", ") + "]");
      } else if (typeof value === "number") {
        lines.push(key + ": " + String(value));
      } else {
        lines.push(key + ": " + (plain[key] && /^[a-z0-9_-]+$/.test(value) ? value : JSON.stringify(String(value))));
      }
    });
    return lines.join("\n") + "\n";
  };
})(window.autoprocesForm = window.autoprocesForm || {});
