import EPCIS
public import Hummingbird
import Logging
import Storage

/// Turns every error a route throws into an RFC 9457 problem response; the only place errors become HTTP.
///
/// Unknown errors are logged with their detail and answered with a generic 500, so that no database or system
/// text reaches a client.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Makes the middleware.
    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return try problem.response(from: request, context: context)
        } catch let error as StorageError {
            if error.code == .internalFailure || error.code == .unavailable {
                context.logger.error("store failure", metadata: ["error": "\(error.message)",
                    "underlying": "\(String(describing: error.underlying))"])
            }
            return try Problem(error).response(from: request, context: context)
        } catch let error as QueryParameterError {
            return try Problem(error).response(from: request, context: context)
        } catch let error as EPCISDocumentError {
            return try Problem(error).response(from: request, context: context)
        } catch let error as HTTPError {
            let status = error.status
            let exception = status == .notFound ? "NoSuchResourceException" : status.code < 500
                ? "suyuan:HTTPError" : "ImplementationException"
            return try Problem(status, exception, status.reasonPhrase, detail: error.body)
                .response(from: request, context: context)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(error)"])
            return try Problem(.internalServerError, "ImplementationException", "Internal error",
                               detail: "the server failed; its log has the details")
                .response(from: request, context: context)
        }
    }
}
