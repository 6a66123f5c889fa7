import Foundation
import Testing
import BrowserTesting
import Web

@Suite("Pages in headless Chromium")
struct ChromiumTests {
    @Test("the browser parses the shared page frame and keeps escaped text as text")
    func frame() throws {
        let chromium = try Chromium.located()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-frame-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: file) }
        let page = HTML.document(title: "Lot", body: "<main><h1 id=\"t\">\(HTML.escape("<script>x</script>"))</h1></main>")
        try Data(page.utf8).write(to: file)
        let dom = try chromium.dumpDOM(file.absoluteString)
        #expect(dom.contains(#"<h1 id="t">&lt;script&gt;x&lt;/script&gt;</h1>"#))
        #expect(!dom.contains("<script>x</script>"))
    }
}
