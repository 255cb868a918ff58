// The review page's behaviour: which article is shown (the address's #a3), the index's
// filter and pages, and the details card of a tapped highlight. Article text is never
// turned into markup here: details are copied with textContent.
(function () {
  'use strict';
  var PAGE_SIZE = 50;
  var index = document.getElementById('article-list');
  var rows = Array.prototype.slice.call(index.querySelectorAll('tbody tr'));
  var filter = document.getElementById('filter');
  var onlyFaults = document.getElementById('only-faults');
  var pager = index.querySelector('.pager');
  var pageInfo = document.getElementById('page-info');
  var previousPage = document.getElementById('page-prev');
  var nextPage = document.getElementById('page-next');
  var details = document.getElementById('details');
  var showReview = document.getElementById('show-review');
  var matching = rows;
  var page = 0;
  var shown = null;

  function applyFilter() {
    var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    matching = rows.filter(function (row) {
      var text = row.getAttribute('data-search');
      if (onlyFaults.checked && row.getAttribute('data-faults') === '0') return false;
      return words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    page = 0;
    showPage();
  }

  function showPage() {
    var pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
    page = Math.min(page, pages - 1);
    var first = page * PAGE_SIZE;
    var visible = new Set(matching.slice(first, first + PAGE_SIZE));
    rows.forEach(function (row) { row.hidden = !visible.has(row); });
    pager.hidden = matching.length <= PAGE_SIZE;
    pageInfo.textContent = matching.length === 0 ? 'No article matches'
      : 'Articles ' + (first + 1) + '\u2013' + Math.min(first + PAGE_SIZE, matching.length) + ' of ' + matching.length;
    previousPage.disabled = page === 0;
    nextPage.disabled = page >= pages - 1;
  }

  function flash(elements) {
    elements.forEach(function (el) {
      el.classList.remove('flash');
      void el.offsetWidth;
      el.classList.add('flash');
    });
  }

  // #a3 shows article 3; #a3-m5 also brings its mark 5 into view, #a3-f2 its finding 2.
  function route() {
    var match = /^#a(\d+)(?:-([mf])(\d+))?$/.exec(location.hash);
    var section = match && document.getElementById('article-' + match[1]);
    if (shown && shown !== section) shown.hidden = true;
    hideDetails();
    if (!section) {
      shown = null;
      index.hidden = false;
      return;
    }
    index.hidden = true;
    section.hidden = false;
    shown = section;
    var target = match[2] && document.getElementById(location.hash.slice(1));
    if (!target) {
      window.scrollTo(0, 0);
      return;
    }
    target.scrollIntoView({ block: 'center' });
    if (match[2] === 'm') {
      flash(Array.prototype.slice.call(section.querySelectorAll('[data-m~="' + match[3] + '"]')));
    } else {
      flash([target]);
    }
  }

  function showDetails(mark) {
    var section = mark.closest('.article');
    var body = details.querySelector('.body');
    body.textContent = mark.getAttribute('title') || '';
    (mark.getAttribute('data-f') || '').split(' ').filter(Boolean).forEach(function (f) {
      var link = document.createElement('a');
      link.href = '#a' + section.getAttribute('data-entry') + '-f' + f;
      link.textContent = 'Go to finding';
      body.appendChild(document.createElement('br'));
      body.appendChild(link);
    });
    details.hidden = false;
  }

  function hideDetails() {
    details.hidden = true;
  }

  showReview.addEventListener('change', function () {
    document.body.classList.toggle('hide-review', !showReview.checked);
  });
  filter.addEventListener('input', applyFilter);
  onlyFaults.addEventListener('change', applyFilter);
  previousPage.addEventListener('click', function () { page -= 1; showPage(); index.scrollIntoView(); });
  nextPage.addEventListener('click', function () { page += 1; showPage(); index.scrollIntoView(); });
  details.querySelector('.close').addEventListener('click', hideDetails);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') hideDetails(); });
  document.addEventListener('click', function (e) {
    var mark = e.target.closest('.article .m');
    if (mark) showDetails(mark);
  });
  window.addEventListener('hashchange', route);
  // Links that point at the shown finding or mark again still bring it into view.
  document.addEventListener('click', function (e) {
    var link = e.target.closest('a[href^="#a"]');
    if (link && link.getAttribute('href') === location.hash) route();
  });

  document.documentElement.classList.add('js');
  applyFilter();
  route();
})();
