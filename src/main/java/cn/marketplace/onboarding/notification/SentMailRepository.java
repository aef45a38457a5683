package cn.marketplace.onboarding.notification;

import org.springframework.data.jpa.repository.JpaRepository;

interface SentMailRepository extends JpaRepository<SentMail, String> {}
