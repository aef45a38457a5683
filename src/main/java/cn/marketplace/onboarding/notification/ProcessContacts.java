package cn.marketplace.onboarding.notification;

import java.util.Optional;

/**
 * Where a process's mails to its applicant or publisher go: the contact in the product's records of
 * the application, submission or release linked to the instance, never an address from a variable.
 * One implementation per process.
 */
public interface ProcessContacts {

  /** A mail address and the language its mails are written in. */
  record Contact(String email, String language) {}

  /** The key of the process whose instances this answers for. */
  String processKey();

  /** The contact of the instance; empty when the instance is linked to no record. */
  Optional<Contact> contactOf(String processInstanceId);
}
