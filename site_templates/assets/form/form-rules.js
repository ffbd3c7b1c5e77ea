// "Foreslå en proces", part 3 of 6: what is wrong with the answers, in Danish: the published JSON
// Schema (vendored Ajv) and the phase rules (the fields a phase or status needs).
(function (AP) {
  "use strict";
  AP.requiredNow = function (config, v) {
    var needed = {};
    Object.keys(config.rules).forEach(function (key) {
      var trigger = key === "status_text" ? v.status : v.phase;
      if (config.rules[key].indexOf(trigger) !== -1) needed[key] = true;
    });
    return needed;
  };

  // The field's Danish label as the page shows it.
  AP.label = function (form, key) {
    var el = form.querySelector("[data-field='" + key + "'] label, [data-field='" + key + "'] legend");
    return el ? el.childNodes[0].textContent.trim() : key;
  };

  function danish(error) {
    var p = error.params || {};
    switch (error.keyword) {
      case "required": return null;
      case "maxLength": return "må højst være " + p.limit + " tegn";
      case "minLength": return "skal udfyldes";
      case "pattern": return "har ikke det rigtige format";
      case "enum": return "findes ikke i listen";
      case "type": return p.type === "integer" ? "skal være et helt tal" : (p.type === "number" ? "skal være et tal" : "har en forkert type");
      case "minimum": return "skal være mindst " + p.limit;
      case "maximum": return "må højst være " + p.limit;
      default: return "er ikke gyldig (" + error.keyword + ")";
    }
  }

  function schemaProblems(validate, v, add) {
    if (validate(v)) return;
    validate.errors.forEach(function (error) {
      var parts = error.instancePath.split("/").filter(Boolean);
      var key = parts[0] === "contact" && parts[1] ? "contact." + parts[1] : parts[0];
      if (error.keyword === "required") key = (error.instancePath ? "contact." : "") + error.params.missingProperty;
      if (key === "contact") key = "contact.name";
      if (!key) return;
      if (key === "umbrellas" && parts.length > 1) {
        add(key, "'" + v[key][Number(parts[1])] + "' har ikke formen organisation/kortnavn");
      } else if (key === "links" && parts.length > 1) {
        add(key, "'" + v.links[Number(parts[1])].url + "' " + (danish(error) || "skal udfyldes"));
      } else if (/^(it_systems|technologies)$/.test(key) && parts.length > 1) {
        add(key, "'" + v[key][Number(parts[1])] + "' findes ikke i listen");
      } else {
        add(key, error.keyword === "required" ? "skal udfyldes" : danish(error));
      }
    });
  }

  function isMissing(v, key) {
    if (key === "technologies") return !(v.technologies || []).length;
    if (key === "run_period") return !v.run_period || v.run_period === "not_chosen_yet";
    return !v[key];
  }

  // {found: {key: Danish problem}, needed: {key: true for the fields the phase or status needs}}
  AP.problems = function (ctx, v, slug) {
    var found = {};
    function add(key, text) { if (!found[key]) found[key] = text; }
    schemaProblems(ctx.state.validate, v, add);
    var needed = AP.requiredNow(ctx.config, v);
    Object.keys(needed).forEach(function (key) {
      if (isMissing(v, key)) add(key, "skal udfyldes i denne fase eller status");
    });
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) add("slug", "må kun have små bogstaver a-z, tal og bindestreger");
    return {found: found, needed: needed};
  };
})(window.autoprocesForm = window.autoprocesForm || {});
