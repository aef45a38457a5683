package cn.marketplace.onboarding.submission;

/**
 * Some storage did not answer while the VHDs were checked: the ISV is not to blame, so the check's
 * job fails, is retried, and finally becomes an incident for operations.
 */
public class StorageUnavailableException extends RuntimeException {

  public StorageUnavailableException(String submissionId) {
    super("storage did not answer while checking the VHDs of submission " + submissionId + "; will retry");
  }
}
