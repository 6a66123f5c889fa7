import Testing
import Web

@Suite("HTML")
struct HTMLTests {
    @Test("escapes the five characters that can break out of text or an attribute")
    func escapes() {
        #expect(HTML.escape(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(HTML.escape("猪肉 批次 A1") == "猪肉 批次 A1")
    }

    @Test("a document escapes its title and keeps its body")
    func document() {
        let page = HTML.document(title: "<Lot>", body: "<main>ok</main>")
        #expect(page.contains("<title>&lt;Lot&gt;</title>"))
        #expect(page.contains("<main>ok</main>"))
        #expect(page.contains(#"name="viewport""#))
    }
}
