// "Foreslå en proces": builds a process file from the form, validates it in the browser against the
// published JSON Schema (vendored Ajv) and the phase rules, shows the YAML and opens GitHub's new-file
// page (or, for "Rediger", its edit page). Labels and help texts are rendered on the server from the
// model's metadata; the lists come from the schema's enums.
(function () {
  "use strict";
  var form = document.getElementById("ap-form");
  if (!form || !window.ajv2020) return;
  var config = JSON.parse(form.getAttribute("data-config"));
  var state = {schema: null, validate: null, lists: {}, chosen: {it_systems: [], technologies: [], umbrellas: []},
               links: [], edit: null,
               slugTouched: false};

  function $(id) { return document.getElementById(id); }
  function fieldId(key) { return "f-" + key.replace(/\./g, "-").replace(/_/g, "-"); }
  function unescapeMarkdown(text) { return text.replace(/\\([\\`*_\[\]<>])/g, "$1"); }

  function slugify(text) {
    return text.replace(/[æÆ]/g, "ae").replace(/[øØ]/g, "oe").replace(/[åÅ]/g, "aa").normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
      .slice(0, 80).replace(/-+$/g, "");
  }

  // --- lists from the schema ------------------------------------------------------------------
  function enumOf(prop) {
    var node = prop.items || prop;
    var branch = (node.anyOf || []).filter(function (b) { return b.type === "string"; })[0] || node;
    var texts = branch.markdownEnumDescriptions || [];
    return (branch.enum || []).map(function (code, i) { return {code: code, text: unescapeMarkdown(texts[i] || "")}; });
  }
  function inactive(item) { return /\[(udgået|flyttet)/.test(item.text); }

  function fillLists() {
    var props = state.schema.properties;
    state.lists = {kle: enumOf(props.kle), form: enumOf(props.form), it_systems: enumOf(props.it_systems),
                   technologies: enumOf(props.technologies), municipalities: enumOf(props.municipality)};
    Array.prototype.forEach.call(form.querySelectorAll("datalist"), function (datalist) {
      var input = form.querySelector("[list='" + datalist.id + "']");
      if (!input.hasAttribute("data-list")) return;  // filled on the server (umbrellas)
      var items = state.lists[input.getAttribute("data-list")].filter(function (item) {
        return !inactive(item) && (input.getAttribute("data-list") !== "kle" || item.code.length === 8);
      });
      datalist.replaceChildren();
      items.forEach(function (item) {
        var option = document.createElement("option");
        option.value = item.code;
        option.label = item.text;
        option.textContent = item.code + " " + item.text;
        datalist.appendChild(option);
      });
    });
    var select = $("f-municipality");
    state.lists.municipalities.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.code;
      option.textContent = item.text + " (" + item.code + ")";
      select.appendChild(option);
    });
  }
  function titleOf(list, code) {
    var hit = (state.lists[list] || []).filter(function (item) { return item.code === code; })[0];
    return hit ? hit.text : null;
  }

  // --- values ---------------------------------------------------------------------------------
  function number(text) {
    var cleaned = text.replace(/\s/g, "").replace(",", ".");
    if (cleaned === "") return undefined;
    var value = Number(cleaned);
    return isFinite(value) ? value : text;  // a text where a number belongs: the schema reports it
  }
  function values() {
    var v = {};
    Array.prototype.forEach.call(form.querySelectorAll("[data-key]"), function (el) {
      var key = el.getAttribute("data-key");
      var raw = el.value.trim();
      if (raw === "") return;
      var value = el.hasAttribute("data-number") ? number(raw) : raw;
      if (value === undefined) return;
      if (key.indexOf("contact.") === 0) {
        v.contact = v.contact || {};
        v.contact[key.slice(8)] = value;
      } else {
        v[key] = value;
      }
    });
    var domains = Array.prototype.filter.call(form.querySelectorAll("input[name='domains']"), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
    if (domains.length) v.domains = domains;
    ["it_systems", "technologies", "umbrellas"].forEach(function (key) {
      if (state.chosen[key].length) v[key] = state.chosen[key].slice();
    });
    if (state.links.length) v.links = state.links.map(function (link) { return Object.assign({}, link); });
    return v;
  }

  // --- rules ----------------------------------------------------------------------------------
  function requiredNow(v) {
    var needed = {};
    Object.keys(config.rules).forEach(function (key) {
      var trigger = key === "status_text" ? v.status : v.phase;
      if (config.rules[key].indexOf(trigger) !== -1) needed[key] = true;
    });
    return needed;
  }
  function label(key) {
    var el = form.querySelector("[data-field='" + key + "'] label, [data-field='" + key + "'] legend");
    return el ? el.childNodes[0].textContent.trim() : key;
  }
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
  function problems(v) {
    var found = {};
    function add(key, text) { if (!found[key]) found[key] = text; }
    if (!state.validate(v)) {
      state.validate.errors.forEach(function (error) {
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
    var needed = requiredNow(v);
    Object.keys(needed).forEach(function (key) {
      var missing = key === "technologies" ? !(v.technologies || []).length : (key === "run_period" ? (!v.run_period || v.run_period === "not_chosen_yet") : !v[key]);
      if (missing) add(key, "skal udfyldes i denne fase eller status");
    });
    var slug = $("f-slug").value.trim();
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) add("slug", "må kun have små bogstaver a-z, tal og bindestreger");
    return {found: found, needed: needed};
  }

  // --- YAML (the same shape as `autoproces new` writes) ---------------------------------------
  var PLAIN = {put_into_operation: 1, decommissioned: 1};
  config.plain.forEach(function (key) { PLAIN[key] = 1; });
  function yaml(v) {
    var lines = config.schemaLine ? ["# yaml-language-server: $schema=" + config.schemaLine] : [];
    config.order.forEach(function (key) {
      var value = v[key];
      if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
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
        lines.push(key + ": " + (PLAIN[key] && /^[a-z0-9_-]+$/.test(value) ? value : JSON.stringify(String(value))));
      }
    });
    return lines.join("\n") + "\n";
  }

  // --- figures (generator/model/derived.py: decimals kept, rounded last) ----------------------
  function danishNumber(value, decimals) {
    return value.toLocaleString("da-DK", {minimumFractionDigits: 0, maximumFractionDigits: decimals});
  }
  function figures(v) {
    var occ = v.time_spend_occurrences, min = v.time_spend_per_occurrence, pct = v.time_spend_percentage_digital;
    var ok = function (x) { return typeof x === "number" && isFinite(x); };
    var manual = ok(occ) && ok(min) ? occ * min / 60 : null;
    var freed = manual !== null && ok(pct) ? manual * pct / 100 : null;
    $("ap-manual-hours").textContent = manual === null ? "–" : danishNumber(Math.round(manual * 100) / 100, 2) + " timer";
    $("ap-hours-freed").textContent = freed === null ? "–" : danishNumber(Math.round(freed * 100) / 100, 2) + " timer";
    $("ap-yearly-value").textContent = freed === null ? "–" :
      danishNumber(Math.round(freed * config.hourlyRate * 100) / 100, 0) + " kr.";
  }

  // --- the page -------------------------------------------------------------------------------
  function showErrors(result) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-field]"), function (wrap) {
      var key = wrap.getAttribute("data-field");
      var marker = wrap.querySelector("[data-required-marker]");
      var control = wrap.querySelector("#" + fieldId(key));
      if (marker && key in config.rules) marker.hidden = !result.needed[key];
      if (control && key in config.rules) control.setAttribute("aria-required", result.needed[key] ? "true" : "false");
      var error = wrap.querySelector(".ap-error");
      if (!error) return;
      error.hidden = !result.found[key];
      error.textContent = result.found[key] ? label(key) + " " + result.found[key] + "." : "";
      if (control) control.setAttribute("aria-invalid", result.found[key] ? "true" : "false");
    });
    var slugError = $("f-slug-error");
    slugError.hidden = !result.found.slug;
    slugError.textContent = result.found.slug ? "Kortnavnet " + result.found.slug + "." : "";
    var keys = Object.keys(result.found);
    var summary = $("ap-summary");
    summary.replaceChildren();
    var heading = document.createElement("p");
    heading.textContent = keys.length ? "Ret " + keys.length + (keys.length === 1 ? " felt" : " felter") + ", før filen kan oprettes:" :
      "Alle felter er i orden. Filen består kontrollen for skemaet og fasens regler.";
    summary.appendChild(heading);
    if (keys.length) {
      var list = document.createElement("ul");
      keys.forEach(function (key) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = "#" + (key === "slug" ? "f-slug" : (key === "domains" ? fieldId(key) + "-help" : fieldId(key)));
        link.textContent = (key === "slug" ? "Kortnavn" : label(key)) + ": " + result.found[key];
        item.appendChild(link);
        list.appendChild(item);
      });
      summary.appendChild(list);
    }
  }
  function githubUrl(v, text) {
    var slug = $("f-slug").value.trim();
    if (state.edit) return config.editUrl ? config.editUrl + "processes/" + state.edit + ".yaml" : "";
    if (!config.newUrl) return "";
    var message = "Ny proces: " + (v.title || slug) + " (" + v.municipality + ")";
    return config.newUrl + "?filename=" + encodeURIComponent("processes/" + v.municipality + "/" + slug + ".yaml") +
      "&value=" + encodeURIComponent(text) + "&message=" + encodeURIComponent(message);
  }
  function update() {
    var v = values();
    if (!state.slugTouched && !state.edit) $("f-slug").value = slugify(v.title || "");
    ["kle", "form"].forEach(function (key) {
      var title = v[key] ? titleOf(key, v[key]) : null;
      $(fieldId(key) + "-title").textContent = title ? title : (v[key] ? "Ukendt kode" : "");
    });
    $("ap-path").textContent = "processes/" + (v.municipality || "…") + "/" + ($("f-slug").value.trim() || "…") + ".yaml";
    var result = problems(v);
    showErrors(result);
    figures(v);
    var text = yaml(v);
    $("ap-yaml").textContent = text;
    var link = $("ap-github");
    var url = Object.keys(result.found).length ? "" : githubUrl(v, text);
    if (url) {
      link.href = url;
      link.removeAttribute("aria-disabled");
    } else {
      link.removeAttribute("href");
      link.setAttribute("aria-disabled", "true");
    }
    return result;
  }

  function addChosen(key, code) {
    if (key === "umbrellas") {  // any id: the schema and the check judge it, the list only helps
      if (state.chosen[key].indexOf(code.toLowerCase()) === -1) state.chosen[key].push(code.toLowerCase());
      renderChosen(key);
      return true;
    }
    var items = state.lists[key];
    var wanted = code.toLowerCase();
    var hit = items.filter(function (item) {
      return item.code === code || item.text.split(" – ")[0].split(" (")[0].toLowerCase() === wanted;
    })[0];
    var error = $(fieldId(key) + "-error");
    if (!hit) {
      error.hidden = false;
      error.textContent = "'" + code + "' findes ikke i listen. Vælg fra listen, eller tilføj det i den kuraterede liste (se hele listen).";
      return false;
    }
    if (state.chosen[key].indexOf(hit.code) === -1) state.chosen[key].push(hit.code);
    renderChosen(key);
    return true;
  }
  function renderChosen(key) {
    var list = form.querySelector("[data-chosen='" + key + "']");
    list.replaceChildren();
    state.chosen[key].forEach(function (code) {
      var item = document.createElement("li");
      item.appendChild(document.createTextNode(code + " " + (titleOf(key, code) || "") + " "));
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "ap-remove";
      remove.textContent = "Fjern";
      remove.setAttribute("aria-label", "Fjern " + code);
      remove.addEventListener("click", function () {
        state.chosen[key] = state.chosen[key].filter(function (c) { return c !== code; });
        renderChosen(key);
        $(fieldId(key)).focus();
        update();
      });
      item.appendChild(remove);
      list.appendChild(item);
    });
  }
  function wireMany(key) {
    var input = $(fieldId(key));
    function add() {
      var code = input.value.trim();
      if (!code) return;
      if (addChosen(key, code)) input.value = "";
      update();
    }
    form.querySelector("[data-add='" + key + "']").addEventListener("click", add);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); add(); }
    });
  }

  function renderLinks() {
    var list = form.querySelector("[data-chosen='links']");
    list.replaceChildren();
    state.links.forEach(function (link, index) {
      var item = document.createElement("li");
      item.appendChild(document.createTextNode((link.title ? link.title + ": " : "") + link.url + " "));
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "ap-remove";
      remove.textContent = "Fjern";
      remove.setAttribute("aria-label", "Fjern " + link.url);
      remove.addEventListener("click", function () {
        state.links.splice(index, 1);
        renderLinks();
        $("f-links").focus();
        update();
      });
      item.appendChild(remove);
      list.appendChild(item);
    });
  }
  function wireLinks() {
    var url = $("f-links"), title = $("f-links-title");
    function add() {
      if (!url.value.trim()) return;
      var link = {url: url.value.trim()};
      if (title.value.trim()) link.title = title.value.trim();
      state.links.push(link);
      url.value = "";
      title.value = "";
      renderLinks();
      update();
    }
    form.querySelector("[data-add='links']").addEventListener("click", add);
    [url, title].forEach(function (input) {
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); add(); }
      });
    });
  }

  function fill(record) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-key]"), function (el) {
      var key = el.getAttribute("data-key");
      var value = key.indexOf("contact.") === 0 ? (record.contact || {})[key.slice(8)] : record[key];
      if (value !== undefined && value !== null) el.value = String(value);
    });
    Array.prototype.forEach.call(form.querySelectorAll("input[name='domains']"), function (box) {
      box.checked = (record.domains || []).indexOf(box.value) !== -1;
    });
    ["it_systems", "technologies", "umbrellas"].forEach(function (key) {
      state.chosen[key] = (record[key] || []).map(function (item) { return typeof item === "string" ? item : item.id; })
        .filter(Boolean);
      renderChosen(key);
    });
    state.links = (record.links || []).filter(function (link) { return link && link.url; }).map(function (link) {
      return link.title ? {url: link.url, title: link.title} : {url: link.url};
    });
    renderLinks();
  }
  function startEdit(id) {
    if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(id)) return Promise.resolve();
    return fetch(config.api + id + ".json").then(function (r) { return r.ok ? r.json() : null; }).then(function (record) {
      if (!record) return;
      state.edit = id;
      fill(record);
      $("f-slug").value = id.split("/")[1];
      $("f-slug").readOnly = true;
      $("f-municipality").disabled = false;
      $("ap-edit-note").hidden = false;
      $("ap-github").textContent = "Åbn GitHub og ret filen";
    });
  }

  function start(schema) {
    state.schema = schema;
    var Ajv = window.ajv2020.default || window.ajv2020;
    var ajv = new Ajv({strict: false, allErrors: true, validateFormats: false});
    delete schema.$id;  // compile the document as it is, wherever the site is served
    state.validate = ajv.compile(schema);
    fillLists();
    wireMany("it_systems");
    wireMany("technologies");
    wireMany("umbrellas");
    wireLinks();
    form.addEventListener("input", function (event) {
      if (event.target.id === "f-slug") state.slugTouched = true;
      update();
    });
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    $("ap-copy").addEventListener("click", function () {
      var text = $("ap-yaml").textContent;
      if (navigator.clipboard) navigator.clipboard.writeText(text).catch(function () {});
    });
    $("ap-github").addEventListener("click", function (event) {
      if (!this.hasAttribute("href")) {
        event.preventDefault();
        $("ap-summary").focus();
      }
    });
    var id = new URLSearchParams(window.location.search).get("rediger");
    return (id ? startEdit(id) : Promise.resolve()).then(function () {
      form.hidden = false;
      Array.prototype.forEach.call(document.querySelectorAll("[data-ap-nojs]"), function (el) { el.hidden = true; });
      update();
      form.setAttribute("data-ready", "true");
    });
  }

  fetch(config.schema).then(function (r) { return r.json(); }).then(start).catch(function () {
    var note = document.querySelector("[data-ap-nojs]");
    if (note) note.textContent = "Skemaet kunne ikke hentes, så formularen kan ikke bruges lige nu. Prøv igen senere.";
  });
})();
