/*
 * autoproces catalogue search, page part 1 of 4: building the page's nodes. Everything from the data is
 * put on the page with textContent and createElement, never as HTML; numbers and dates in Danish.
 * The page's parts share one namespace (AutoprocesSearchUI), loaded in the order of SCRIPTS in
 * generator/search/assets.py.
 */
(function (UI) {
  "use strict";

  var numberFormat = new Intl.NumberFormat("da-DK", { maximumFractionDigits: 0 });
  var dateFormat = new Intl.DateTimeFormat("da-DK", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  UI.el = el;
  UI.clear = clear;
  UI.numberFormat = numberFormat;
  UI.dateFormat = dateFormat;
})(window.AutoprocesSearchUI = window.AutoprocesSearchUI || {});
