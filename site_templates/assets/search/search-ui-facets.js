/*
 * autoproces catalogue search, page part 4 of 4: the facets. A list of check boxes per facet (the
 * commonest values first, "show all" for long lists) and KLE as a tree that opens level by level.
 */
(function (UI) {
  "use strict";

  var SearchPage = UI.SearchPage;
  var el = UI.el;
  var clear = UI.clear;
  var numberFormat = UI.numberFormat;
  var SHORT_LIST = 8;

  SearchPage.prototype.renderFacets = function (counts) {
    var self = this;
    this.lastCounts = counts; // the facets are drawn again with these counts when a list or tree node opens
    var focused = document.activeElement && this.filters.contains(document.activeElement) ? document.activeElement.id : null;
    clear(this.filtersBox);
    var selection = this.state.selection;
    if (this.engine.hasSelection(this.state)) {
      var reset = el("button", { type: "button", className: "md-button ap-filters__reset", id: "ap-filter-reset",
        text: "Ryd alle filtre" });
      reset.addEventListener("click", function () {
        self.update({ selection: {}, page: 1 });
        self.input.focus();
      });
      this.filtersBox.appendChild(reset);
    }
    this.engine.facets.forEach(function (facet) {
      var node = facet.kind === "tree"
        ? self.treeFacet(facet, counts[facet.key], selection[facet.key] || [])
        : self.listFacet(facet, counts[facet.key], selection[facet.key] || []);
      if (node) self.filtersBox.appendChild(node);
    });
    if (focused) {
      var again = document.getElementById(focused);
      if (again) again.focus();
    }
  };

  SearchPage.prototype.toggle = function (facetKey, code, on) {
    var selection = {};
    var current = this.state.selection;
    Object.keys(current).forEach(function (k) { selection[k] = current[k].slice(); });
    var codes = selection[facetKey] || [];
    codes = codes.filter(function (c) { return c !== code; });
    if (on) codes.push(code);
    if (codes.length) selection[facetKey] = codes;
    else delete selection[facetKey];
    this.update({ selection: selection, page: 1 });
  };

  SearchPage.prototype.checkbox = function (facet, index, count, checked) {
    var self = this;
    var code = facet.codes[index];
    var id = "ap-f-" + facet.key + "-" + index;
    var box = el("input", { type: "checkbox", id: id, value: code, checked: checked });
    box.checked = checked;
    box.addEventListener("change", function () { self.toggle(facet.key, code, box.checked); });
    var label = el("label", { "for": id }, [
      el("span", { className: "ap-facet__label", text: facet.values[index][1] }),
      " ",
      el("span", { className: "ap-facet__count", text: "(" + numberFormat.format(count) + ")" })
    ]);
    return el("div", { className: "ap-facet__option" }, [box, label]);
  };

  SearchPage.prototype.listFacet = function (facet, counts, selected) {
    var self = this;
    var indexes = [];
    for (var i = 0; i < facet.codes.length; i++) {
      if (counts[i] > 0 || selected.indexOf(facet.codes[i]) >= 0) indexes.push(i);
    }
    if (!indexes.length) return null;
    if (facet.codes.length > 10) {
      indexes.sort(function (a, b) { return (counts[b] - counts[a]) || a - b; });
    }
    var open = !!this.expanded[facet.key];
    var long = indexes.length > SHORT_LIST + 2;
    var visible = open || !long ? indexes : indexes.slice(0, SHORT_LIST);
    // A chosen value is always visible.
    indexes.forEach(function (i) {
      if (selected.indexOf(facet.codes[i]) >= 0 && visible.indexOf(i) < 0) visible.push(i);
    });
    var list = el("ul", { className: "ap-facet__list" });
    visible.forEach(function (i) {
      list.appendChild(el("li", {}, [self.checkbox(facet, i, counts[i], selected.indexOf(facet.codes[i]) >= 0)]));
    });
    var fieldset = el("fieldset", { className: "ap-facet", id: "ap-facet-" + facet.key }, [
      el("legend", { className: "ap-facet__legend", text: facet.label }),
      list
    ]);
    if (long) {
      var more = el("button", { type: "button", className: "ap-facet__more", id: "ap-facet-more-" + facet.key,
        "aria-expanded": open ? "true" : "false",
        text: open ? "Vis færre" : "Vis alle " + numberFormat.format(indexes.length) });
      more.addEventListener("click", function () {
        self.expanded[facet.key] = !open;
        self.renderFacets(self.lastCounts);
      });
      fieldset.appendChild(more);
    }
    return fieldset;
  };

  SearchPage.prototype.treeFacet = function (facet, counts, selected) {
    var self = this;
    var children = {};
    facet.codes.forEach(function (code, i) {
      var dot = code.lastIndexOf(".");
      var parent = dot < 0 ? "" : code.slice(0, dot);
      (children[parent] = children[parent] || []).push(i);
    });
    var visible = function (i) { return counts[i] > 0 || selected.indexOf(facet.codes[i]) >= 0; };
    var build = function (parent) {
      var items = (children[parent] || []).filter(visible);
      if (!items.length) return null;
      var list = el("ul", { className: "ap-facet__list ap-facet__tree" });
      items.forEach(function (i) {
        var code = facet.codes[i];
        var kids = (children[code] || []).filter(visible);
        var row = self.checkbox(facet, i, counts[i], selected.indexOf(code) >= 0);
        var item = el("li", {}, [row]);
        if (kids.length) {
          var open = !!self.openNodes[code];
          var button = el("button", { type: "button", className: "ap-facet__toggle", id: "ap-kle-toggle-" + i,
            "aria-expanded": open ? "true" : "false",
            "aria-label": (open ? "Skjul" : "Vis") + " underliggende emner for " + facet.values[i][1] });
          button.textContent = open ? "−" : "+";
          button.addEventListener("click", function () {
            self.openNodes[code] = !open;
            self.renderFacets(self.lastCounts);
          });
          row.insertBefore(button, row.firstChild);
          if (open) item.appendChild(build(code));
        }
        list.appendChild(item);
      });
      return list;
    };
    var tree = build("");
    if (!tree) return null;
    return el("fieldset", { className: "ap-facet ap-facet--tree", id: "ap-facet-" + facet.key }, [
      el("legend", { className: "ap-facet__legend", text: facet.label }),
      tree
    ]);
  };
})(window.AutoprocesSearchUI = window.AutoprocesSearchUI || {});
