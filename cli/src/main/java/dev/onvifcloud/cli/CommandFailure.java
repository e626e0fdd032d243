package dev.onvifcloud.cli;

/** A failure a command reports to its user as one line on stderr, with an exit status. */
final class CommandFailure extends RuntimeException {

    private final int exitCode;

    CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static CommandFailure rejected(String message) {
        return new CommandFailure(OnvifCloud.REJECTED, message);
    }

    static CommandFailure failed(String message) {
        return new CommandFailure(OnvifCloud.FAILED, message);
    }

    int exitCode() {
        return exitCode;
    }
}
