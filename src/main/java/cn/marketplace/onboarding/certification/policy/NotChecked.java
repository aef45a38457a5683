package cn.marketplace.onboarding.certification.policy;

/** A check the policy's source makes that the product can't see from outside a running VM, and why. */
public record NotChecked(String check, String source, String why) {}
