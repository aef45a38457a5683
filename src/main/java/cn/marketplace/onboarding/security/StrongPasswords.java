package cn.marketplace.onboarding.security;

import java.util.List;
import org.passay.CharacterData;
import org.passay.CharacterRule;
import org.passay.EnglishCharacterData;
import org.passay.PasswordGenerator;
import org.springframework.stereotype.Component;

/** Strong random passwords that meet the engine's password policy (every character class). */
@Component
public class StrongPasswords {

  private static final int LENGTH = 20;
  private static final CharacterData SPECIAL = new CharacterData() {
    @Override
    public String getErrorCode() {
      return "INSUFFICIENT_SPECIAL";
    }

    @Override
    public String getCharacters() {
      return "!#%*+-=?@_";
    }
  };

  private final PasswordGenerator generator = new PasswordGenerator();

  public String next() {
    return generator.generatePassword(LENGTH, List.of(
        new CharacterRule(EnglishCharacterData.UpperCase, 2),
        new CharacterRule(EnglishCharacterData.LowerCase, 2),
        new CharacterRule(EnglishCharacterData.Digit, 2),
        new CharacterRule(SPECIAL, 2)));
  }
}
