// "Foreslå en proces", part 1 of 6: text in and out of the form (ids, short names, numbers).
(function (AP) {
  "use strict";
  AP.$ = function (id) { return document.getElementById(id); };
  AP.fieldId = function (key) { return "f-" + key.replace(/\./g, "-").replace(/_/g, "-"); };
  AP.unescapeMarkdown = function (text) { return text.replace(/\\([\\`*_\[\]<>])/g, "$1"); };

  // generator/taxonomies/slugs.py: æ/ø/å as ae/oe/aa, at most 80 characters.
  AP.slugify = function (text) {
    return text.replace(/[æÆ]/g, "ae").replace(/[øØ]/g, "oe").replace(/[åÅ]/g, "aa").normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
      .slice(0, 80).replace(/-+$/g, "");
  };

  // "1 200,5" is 1200.5; a text where a number belongs stays a text, so the schema reports it.
  AP.number = function (text) {
    var cleaned = text.replace(/\s/g, "").replace(",", ".");
    if (cleaned === "") return undefined;
    var value = Number(cleaned);
    return isFinite(value) ? value : text;
  };

  AP.danishNumber = function (value, decimals) {
    return value.toLocaleString("da-DK", {minimumFractionDigits: 0, maximumFractionDigits: decimals});
  };
})(window.autoprocesForm = window.autoprocesForm || {});
