package cn.marketplace.onboarding.notification;

import org.springframework.data.repository.ListCrudRepository;

interface SentMailRepository extends ListCrudRepository<SentMail, String> {}
