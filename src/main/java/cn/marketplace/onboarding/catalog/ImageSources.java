package cn.marketplace.onboarding.catalog;

/**
 * What an image version was made from, kept by the stage that received it: a release tells it when the
 * version goes live, without knowing that stage.
 */
public interface ImageSources {

  /** {@code version} is live: the marketplace has its copy, so what opens the publisher's disks may go. */
  void released(ImageVersion version);
}
