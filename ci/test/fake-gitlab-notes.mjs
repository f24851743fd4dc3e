// A stand-in for GitLab's merge-request notes API on loopback, for ci/validate.sh: accepts
// POST /api/v4/projects/:id/merge_requests/:iid/notes, writes what it received (path, token header, form body) to
// the file named by its second argument, and answers 201. Prints its port, then serves until killed.
import { createServer } from "node:http";
import { writeFileSync } from "node:fs";

const [recordFile] = process.argv.slice(2);
const server = createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk) => { body += chunk; });
  req.on("end", () => {
    const ok = req.method === "POST" && /^\/api\/v4\/projects\/[^/]+\/merge_requests\/\d+\/notes$/.test(req.url);
    if (ok) {
      const form = new URLSearchParams(body);
      writeFileSync(recordFile, JSON.stringify({ path: req.url, token: req.headers["private-token"] ?? "",
        body: form.get("body") ?? "" }));
    }
    res.writeHead(ok ? 201 : 404, { "Content-Type": "application/json" });
    res.end(ok ? '{"id":1}' : '{"message":"404 Not Found"}');
  });
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
