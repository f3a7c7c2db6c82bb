// Heading anchors ("#" after each heading) copy the section's address when
// clicked. Without JavaScript, or without clipboard access, the anchor is
// an ordinary link to the section.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.URL) return;
  var status = document.createElement("span");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);
  var anchors = document.querySelectorAll(".doc-body a.anchor");
  Array.prototype.forEach.call(anchors, function (a) {
    a.title = "Chép liên kết tới mục này";
    a.addEventListener("click", function () {
      var url = new URL(a.getAttribute("href"), window.location.href).href;
      navigator.clipboard.writeText(url).then(function () {
        a.classList.add("copied");
        status.textContent = "Đã chép liên kết tới mục này";
        window.setTimeout(function () {
          a.classList.remove("copied");
          status.textContent = "";
        }, 2000);
      }, function () { /* no clipboard permission: the link still navigates */ });
    });
  });
})();
