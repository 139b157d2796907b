// evidoc patient tools: small enhancements only. Every page works without
// this file (plain HTML forms answered by the server); with it:
// - the decision aid hides the options you untick at once (tools.css does
//   too, for browsers with :has), restores a submitted choice on a static
//   copy of the site, and offers a print button;
// - after a check, focus moves to the results so keyboard and screen-reader
//   users land on them.
// Nothing typed or chosen is sent anywhere by this script or stored.
(function () {
  'use strict';

  function decisionAid() {
    var form = document.querySelector('.da-form');
    if (!form) return;
    var boxes = form.querySelectorAll('input[type="checkbox"][name="option"]');
    var compare = document.querySelector('.da-compare');
    function update() {
      var chosen = {};
      var any = false;
      for (var i = 0; i < boxes.length; i++) {
        if (boxes[i].checked) { chosen[boxes[i].value] = true; any = true; }
      }
      if (!compare) return;
      var items = compare.querySelectorAll('[data-option]');
      for (var j = 0; j < items.length; j++) {
        var id = items[j].getAttribute('data-option');
        // Nothing ticked shows everything, as the server does.
        items[j].hidden = any && !chosen[id];
      }
    }
    // A submitted choice (?option=a&option=b) that a static server could not
    // answer: restore it from the address, as `evidoc serve` would render it.
    var wanted = new URLSearchParams(window.location.search).getAll('option');
    var known = false;
    for (var k = 0; k < boxes.length; k++) {
      if (wanted.indexOf(boxes[k].value) >= 0) known = true;
    }
    if (known) {
      for (var m = 0; m < boxes.length; m++) boxes[m].checked = wanted.indexOf(boxes[m].value) >= 0;
    }
    for (var i = 0; i < boxes.length; i++) boxes[i].addEventListener('change', update);
    update();
  }

  function printButtons() {
    var buttons = document.querySelectorAll('.print-button');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener('click', function () { window.print(); });
    }
  }

  function focusResults() {
    var heading = document.getElementById('results-h');
    if (heading && typeof heading.focus === 'function') heading.focus();
  }

  function start() {
    decisionAid();
    printButtons();
    focusResults();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
