import EPCIS
public import Hummingbird
import Logging
import Storage

/// Turns every error a route throws into an RFC 9457 problem response; the only place errors become HTTP.
///
/// Unknown errors are logged with their detail and answered with a generic 500, so that no database or system
/// text reaches a client.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The server's public base URL, which makes each problem's `instance` an absolute URI.
    let baseURL: String?

    /// Makes the middleware.
    /// - Parameter baseURL: the server's public base URL (``ServerConfiguration/baseURL``); without it, `instance`
    ///   is the request's path.
    public init(baseURL: String? = nil) {
        self.baseURL = baseURL
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let status = error.status
            let exception = status == .notFound ? "NoSuchNameException" : status.code < 500
                ? "suyuan:HTTPError" : "ImplementationException"
            return Problem(status, exception, status.reasonPhrase, detail: error.body)
                .response(from: request, baseURL: baseURL)
        } catch {
            let problem = Problem.from(error)
            if problem.status.code >= 500 {
                // The client gets a generic text; the log keeps what failed (a store's `underlying` error included).
                let underlying = (error as? StorageError)?.underlying.map { "\($0)" } ?? "-"
                context.logger.error("request failed", metadata: ["error": "\(error)", "underlying": "\(underlying)"])
            }
            return problem.response(from: request, baseURL: baseURL)
        }
    }
}
