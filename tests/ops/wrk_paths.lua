-- wrk script: a mix of search pages, API searches, documents and assets.
local paths = {
  "/search?q=ho+so", "/search?q=th%E1%BB%A7+t%E1%BB%A5c", "/api/search?q=tiep+nhan",
  "/api/search?q=van+thu&limit=5", "/", "/static/site.css", "/doc/van-phong/doc-1",
  "/search?q=phienban2", "/healthz",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
