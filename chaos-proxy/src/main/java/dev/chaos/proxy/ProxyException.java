package dev.chaos.proxy;

/** A refused management request, with the HTTP status Toxiproxy answers it with. */
public final class ProxyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ProxyException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static ProxyException notFound(String what) {
        return new ProxyException(404, what + " not found");
    }

    static ProxyException conflict(String what) {
        return new ProxyException(409, what + " already exists");
    }

    static ProxyException badRequest(String why) {
        return new ProxyException(400, why);
    }
}
