// evidoc static search: on a copy of the site served as plain files (no
// `evidoc serve`), /search/ finds articles by their title, the words people
// use for them (synonyms) and their summary, from /api/v1/articles.json.
// `evidoc serve` answers /search itself, with full-text search. The query
// stays in the browser: it is not sent anywhere or stored.
(function () {
  'use strict';
  var results = document.getElementById('static-search-results');
  if (!results || !window.fetch) return;
  var query = new URLSearchParams(window.location.search).get('q') || '';
  var input = document.getElementById('site-search');
  if (input) input.value = query;
  var words = query.toLowerCase().split(/[^a-z0-9\u00c0-\u024f']+/).filter(function (w) {
    return w.length > 1;
  });
  var fallback = document.getElementById('static-search-fallback');

  function score(article) {
    var strong = (article.title + ' ' + (article.synonyms || []).join(' ')).toLowerCase();
    var weak = (article.summary || '').toLowerCase();
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      if (strong.indexOf(words[i]) >= 0) total += 3;
      else if (weak.indexOf(words[i]) >= 0) total += 1;
      else return 0;  // every word must match somewhere
    }
    return total;
  }

  function show(found) {
    results.textContent = '';
    var heading = document.createElement('h2');
    heading.textContent = found.length === 0
      ? 'No pages found for \u201c' + query + '\u201d'
      : found.length + (found.length === 1 ? ' page' : ' pages') + ' found for \u201c' + query + '\u201d';
    results.appendChild(heading);
    var list = document.createElement('ul');
    list.className = 'card-list';
    found.slice(0, 50).forEach(function (a) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = '/' + a.slug + '/';
      link.textContent = a.title;
      item.appendChild(link);
      var summary = document.createElement('p');
      summary.textContent = a.summary || '';
      item.appendChild(summary);
      list.appendChild(item);
    });
    results.appendChild(list);
    if (fallback) fallback.hidden = found.length > 0;
  }

  if (words.length === 0) return;
  fetch('/api/v1/articles.json').then(function (r) { return r.json(); }).then(function (data) {
    var found = (data.articles || []).map(function (a) { return { a: a, s: score(a) }; })
      .filter(function (x) { return x.s > 0; })
      .sort(function (x, y) { return y.s - x.s || x.a.title.localeCompare(y.a.title); })
      .map(function (x) { return x.a; });
    show(found);
  }).catch(function () { /* the fallback text stays */ });
})();
