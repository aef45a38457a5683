package cn.marketplace.onboarding.certification.linux;

import java.time.Duration;

/**
 * The certification VM did not answer in time: at connect and login, or it fell silent in the
 * middle of the probe. Not the image's fault and not the ISV's to fix: an outage (a VM that is
 * restarting, a network in trouble), so the certification step fails, is retried on its cycle and
 * finally becomes an incident that operations resolve with a retry once the VM answers again.
 * What the ISV can fix (refused, unknown host, authentication, key, host key, protocol, exec
 * refused) is a CERT-2 finding instead.
 */
public class VmNotAnsweringException extends RuntimeException {

  /** Where the VM fell silent. */
  public enum Stage {
    /** TCP connect, SSH handshake or login. */
    CONNECT("connect and login"),
    /** The open session: the exec channel or the probe's output. */
    PROBE("the probe");

    private final String shown;

    Stage(String shown) {
      this.shown = shown;
    }
  }

  private final Stage stage;

  VmNotAnsweringException(String target, Stage stage, Duration waited) {
    super("certification VM " + target + " did not answer within " + waited.toSeconds() + " s during "
        + stage.shown + "; will retry");
    this.stage = stage;
  }

  public Stage stage() {
    return stage;
  }
}
