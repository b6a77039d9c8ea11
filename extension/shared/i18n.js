"use strict";
// UI text comes from _locales/<language>/messages.json through the browser's i18n API, so a
// translation is one more messages.json. Pages name their strings in data-i18n attributes.

/**
 * The UI text of `key`, its placeholders ($1, $2...) filled with `values`.
 * @param {string} key @param {...(string | number)} values
 */
function uiText(key, ...values) {
  return ext.i18n.getMessage(key, values.map(String)) || key;
}

/** "1 term", "12 terms": the key's _one or _other form. @param {string} key @param {number} count */
function uiCount(key, count) {
  return uiText(count === 1 ? `${key}_one` : `${key}_other`, count);
}

/**
 * An extension page's text: `data-i18n="key"` sets an element's text, and
 * `data-i18n-attr="placeholder:key aria-label:key"` its attributes.
 * @param {Document} page
 */
function localizePage(page) {
  page.documentElement.lang = uiText("language");
  for (const element of page.querySelectorAll("[data-i18n]")) {
    element.textContent = uiText(/** @type {HTMLElement} */ (element).dataset.i18n ?? "");
  }
  for (const element of page.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of (/** @type {HTMLElement} */ (element).dataset.i18nAttr ?? "").split(/\s+/)) {
      const [attribute, key] = pair.split(":");
      if (attribute && key) element.setAttribute(attribute, uiText(key));
    }
  }
}
