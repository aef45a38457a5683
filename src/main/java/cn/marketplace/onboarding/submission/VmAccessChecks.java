package cn.marketplace.onboarding.submission;

import static cn.marketplace.onboarding.rules.Finding.fail;
import static cn.marketplace.onboarding.rules.Finding.pass;

import cn.marketplace.onboarding.certification.linux.VmDestinationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CERT-1 and CERT-6 on a submission with a certification VM (Linux, or Windows when the ISV gives its
 * VM rather than the tool's results): the VM's host, port, user and credential as the SSH tests will
 * need them, and a destination the product may connect to.
 */
final class VmAccessChecks {

  private static final Pattern HOST = Pattern.compile(
      "(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");
  private static final Pattern LINUX_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
  /** A local Windows account name: at most 20 characters, none of the reserved ones. */
  private static final Pattern WINDOWS_USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,19}");
  private static final Pattern PRIVATE_KEY =
      Pattern.compile("(?s)-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.+-----END [A-Z0-9 ]*PRIVATE KEY-----");

  private final VmDestinationPolicy vmDestinations;

  VmAccessChecks(VmDestinationPolicy vmDestinations) {
    this.vmDestinations = vmDestinations;
  }

  /** Whether a Windows submission names a certification VM (any of its fields), not only the tool's results. */
  static boolean givesVm(SubmissionForm form) {
    return form.vmHost() != null || form.vmUser() != null || form.vmPassword() != null || form.vmPrivateKey() != null;
  }

  /** A Windows submission gives its VM, checked as for Linux, or the tool's results (their SAS URI is checked apart). */
  void checkWindows(List<Finding> findings, SubmissionForm form) {
    if (givesVm(form)) {
      check(findings, form);
    } else if (form.windowsResultsUri() == null) {
      findings.add(fail(RuleId.CERT_1, "windowsResultsUri", "CERT-1.windows-evidence-missing"));
    }
  }

  void check(List<Finding> findings, SubmissionForm form) {
    if (form.vmHost() == null) {
      findings.add(fail(RuleId.CERT_1, "vmHost", "submission.required", "vmHost"));
    } else if (!HOST.matcher(form.vmHost()).matches()) {
      findings.add(fail(RuleId.CERT_1, "vmHost", "CERT-1.host-invalid", "vmHost", form.vmHost()));
    } else if (vmDestinations.check(form.vmHost()) == VmDestinationPolicy.HostCheck.REFUSED) {
      // a name that does not resolve yet is the connection test's to report
      findings.add(fail(RuleId.CERT_6, "vmHost", "CERT-6.host-not-allowed", form.vmHost(), 0));
    } else {
      findings.add(pass(RuleId.CERT_1, "vmHost", "submission.ok", "vmHost"));
    }
    int port = form.vmPort() == null ? SubmissionForm.DEFAULT_SSH_PORT : form.vmPort();
    if (port < 1 || port > 65535) {
      findings.add(fail(RuleId.CERT_1, "vmPort", "CERT-1.port-range", "vmPort", String.valueOf(port)));
    } else if (!vmDestinations.portAllowed(port)) {
      findings.add(fail(RuleId.CERT_6, "vmPort", "CERT-6.port-not-allowed", form.vmHost(), port));
    }
    if (form.vmUser() == null) {
      findings.add(fail(RuleId.CERT_1, "vmUser", "submission.required", "vmUser"));
    } else if (form.isWindows() && !WINDOWS_USER.matcher(form.vmUser()).matches()) {
      findings.add(fail(RuleId.CERT_1, "vmUser", "CERT-1.windows-user-invalid", "vmUser", form.vmUser()));
    } else if (!form.isWindows() && !LINUX_USER.matcher(form.vmUser()).matches()) {
      findings.add(fail(RuleId.CERT_1, "vmUser", "CERT-1.user-invalid", "vmUser", form.vmUser()));
    } else {
      findings.add(pass(RuleId.CERT_1, "vmUser", "submission.ok", "vmUser"));
    }
    if (form.vmPassword() == null && form.vmPrivateKey() == null) {
      findings.add(fail(RuleId.CERT_1, "vmPassword", "CERT-1.credential-missing", "vmPassword"));
    } else if (form.vmPrivateKey() != null && !PRIVATE_KEY.matcher(form.vmPrivateKey()).find()) {
      findings.add(fail(RuleId.CERT_1, "vmPrivateKey", "CERT-1.private-key-format", "vmPrivateKey"));
    } else {
      findings.add(pass(RuleId.CERT_1, form.vmPrivateKey() != null ? "vmPrivateKey" : "vmPassword",
          "CERT-1.credential-ok", form.vmPrivateKey() != null ? "vmPrivateKey" : "vmPassword"));
    }
  }
}
