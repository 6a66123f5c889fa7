import Web

/// The home page for people: type or paste any code printed on a pack to see its page.
enum HomePage {
    static func render() -> String {
        let body = """
            <main><p class="brand">Suyuan 溯源</p><h1>Where does it come from?</h1>
            <p>Scan the QR code on the pack with your phone's camera, or type the code printed under the barcode.</p>
            <form action="/lookup" method="get"><input name="code" id="code" size="40" \
            placeholder="(01)06901234100090(21)1001 or a GS1 Digital Link" aria-label="Code">
            <button>Look up</button></form>
            <p class="links"><a href="/console">Regulator console</a> · <a href="/openapi.json">API</a></p></main>
            """
        return HTML.document(title: "Suyuan — trace to the source", body: body)
    }
}
