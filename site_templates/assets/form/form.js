// "Foreslå en proces", part 6 of 6: the page. Builds a process file from the form, validates it in
// the browser against the published JSON Schema and the phase rules, shows the YAML and opens
// GitHub's new-file page (or, for "Rediger", its edit page). Labels and help texts are rendered on
// the server from the model's metadata; the lists come from the schema's enums. The other parts
// (form-text.js, form-lists.js, form-rules.js, form-yaml.js, form-chosen.js) are loaded first.
(function (AP) {
  "use strict";
  var form = document.getElementById("ap-form");
  if (!form || !window.ajv2020 || !AP.wireLinks) return;
  var $ = AP.$, fieldId = AP.fieldId;
  var ctx = {
    form: form, config: JSON.parse(form.getAttribute("data-config")), update: update,
    state: {schema: null, validate: null, lists: {}, chosen: {it_systems: [], technologies: [], umbrellas: []},
            links: [], edit: null, slugTouched: false},
  };
  var config = ctx.config, state = ctx.state;

  function values() {
    var v = {};
    Array.prototype.forEach.call(form.querySelectorAll("[data-key]"), function (el) {
      var key = el.getAttribute("data-key");
      var raw = el.value.trim();
      if (raw === "") return;
      var value = el.hasAttribute("data-number") ? AP.number(raw) : raw;
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

  // --- figures (generator/model/derived.py: decimals kept, rounded last) ----------------------
  function figures(v) {
    var occ = v.time_spend_occurrences, min = v.time_spend_per_occurrence, pct = v.time_spend_percentage_digital;
    var ok = function (x) { return typeof x === "number" && isFinite(x); };
    var manual = ok(occ) && ok(min) ? occ * min / 60 : null;
    var freed = manual !== null && ok(pct) ? manual * pct / 100 : null;
    var hours = function (x) { return x === null ? "–" : AP.danishNumber(Math.round(x * 100) / 100, 2) + " timer"; };
    $("ap-manual-hours").textContent = hours(manual);
    $("ap-hours-freed").textContent = hours(freed);
    $("ap-yearly-value").textContent = freed === null ? "–" :
      AP.danishNumber(Math.round(freed * config.hourlyRate * 100) / 100, 0) + " kr.";
  }

  // --- the page -------------------------------------------------------------------------------
  function showFieldErrors(result) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-field]"), function (wrap) {
      var key = wrap.getAttribute("data-field");
      var marker = wrap.querySelector("[data-required-marker]");
      var control = wrap.querySelector("#" + fieldId(key));
      if (marker && key in config.rules) marker.hidden = !result.needed[key];
      if (control && key in config.rules) control.setAttribute("aria-required", result.needed[key] ? "true" : "false");
      var error = wrap.querySelector(".ap-error");
      if (!error) return;
      error.hidden = !result.found[key];
      error.textContent = result.found[key] ? AP.label(form, key) + " " + result.found[key] + "." : "";
      if (control) control.setAttribute("aria-invalid", result.found[key] ? "true" : "false");
    });
    var slugError = $("f-slug-error");
    slugError.hidden = !result.found.slug;
    slugError.textContent = result.found.slug ? "Kortnavnet " + result.found.slug + "." : "";
  }
  function showSummary(result) {
    var keys = Object.keys(result.found);
    var summary = $("ap-summary");
    summary.replaceChildren();
    var heading = document.createElement("p");
    heading.textContent = keys.length ? "Ret " + keys.length + (keys.length === 1 ? " felt" : " felter") + ", før filen kan oprettes:" :
      "Alle felter er i orden. Filen består kontrollen for skemaet og fasens regler.";
    summary.appendChild(heading);
    if (!keys.length) return;
    var list = document.createElement("ul");
    keys.forEach(function (key) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + (key === "slug" ? "f-slug" : (key === "domains" ? fieldId(key) + "-help" : fieldId(key)));
      link.textContent = (key === "slug" ? "Kortnavn" : AP.label(form, key)) + ": " + result.found[key];
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.appendChild(list);
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
    if (!state.slugTouched && !state.edit) $("f-slug").value = AP.slugify(v.title || "");
    ["kle", "form"].forEach(function (key) {
      var title = v[key] ? AP.titleOf(ctx, key, v[key]) : null;
      $(fieldId(key) + "-title").textContent = title ? title : (v[key] ? "Ukendt kode" : "");
    });
    var slug = $("f-slug").value.trim();
    $("ap-path").textContent = "processes/" + (v.municipality || "…") + "/" + (slug || "…") + ".yaml";
    var result = AP.problems(ctx, v, slug);
    showFieldErrors(result);
    showSummary(result);
    figures(v);
    var text = AP.yaml(config, v);
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

  // --- "Rediger i formularen": the published record of ?rediger=<id> fills the form -------------
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
      AP.renderChosen(ctx, key);
    });
    state.links = (record.links || []).filter(function (link) { return link && link.url; }).map(function (link) {
      return link.title ? {url: link.url, title: link.title} : {url: link.url};
    });
    AP.renderLinks(ctx);
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

  function wire() {
    ["it_systems", "technologies", "umbrellas"].forEach(function (key) { AP.wireMany(ctx, key); });
    AP.wireLinks(ctx);
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
  }

  function start(schema) {
    state.schema = schema;
    var Ajv = window.ajv2020.default || window.ajv2020;
    var ajv = new Ajv({strict: false, allErrors: true, validateFormats: false});
    delete schema.$id;  // compile the document as it is, wherever the site is served
    state.validate = ajv.compile(schema);
    AP.fillLists(ctx);
    wire();
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
})(window.autoprocesForm = window.autoprocesForm || {});
