package dev.storefront.users.auth;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The pure rules behind accounts: hashing, input rules, client address resolution. */
class CredentialsUnitTest {

    // small parameters: these tests are about the format and logic, not the cost
    private final PasswordHasher hasher = new PasswordHasher(1024, 1, 1);
    private final CredentialRules rules = new CredentialRules(10);

    @Test
    void hashesAreSaltedArgon2idPhcStringsThatVerifyOnlyTheirPassword() {
        String first = hasher.hash("correct horse battery");
        String second = hasher.hash("correct horse battery");
        assertThat(first, startsWith("$argon2id$v=19$m=1024,t=1,p=1$"));
        assertThat(first, not(containsString("correct horse")));
        assertThat(first.equals(second), is(false));
        assertThat(hasher.verify("correct horse battery", first), is(true));
        assertThat(hasher.verify("correct horse batterY", first), is(false));
        assertThat(hasher.verify("correct horse battery", "not-a-hash"), is(false));
        assertThat(hasher.verify("correct horse battery", null), is(false));
    }

    @Test
    void hashesMadeWithOtherParametersStillVerifyAndAskForARehash() {
        PasswordHasher stronger = new PasswordHasher(2048, 2, 1);
        String old = hasher.hash("a long passphrase");
        assertThat(stronger.verify("a long passphrase", old), is(true));
        assertThat(stronger.needsRehash(old), is(true));
        assertThat(stronger.needsRehash(stronger.hash("a long passphrase")), is(false));
    }

    @Test
    void emailsAreTrimmedLowerCasedAndChecked() {
        assertThat(rules.normaliseEmail("  Ada.Lovelace@Example.COM "), is(Optional.of("ada.lovelace@example.com")));
        assertThat(rules.normaliseEmail("no-at-sign.example.com"), is(Optional.empty()));
        assertThat(rules.normaliseEmail("two@@example.com"), is(Optional.empty()));
        assertThat(rules.normaliseEmail("nodot@localhost"), is(Optional.empty()));
        assertThat(rules.normaliseEmail("spaces in@example.com"), is(Optional.empty()));
        assertThat(rules.normaliseEmail("x".repeat(250) + "@example.com"), is(Optional.empty()));
        assertThat(rules.normaliseEmail(null), is(Optional.empty()));
    }

    @Test
    void passwordRulesExplainEachProblem() {
        assertThat(rules.passwordProblems("a good long passphrase", "ada@example.com"), is(empty()));
        assertThat(rules.passwordProblems("short", "ada@example.com"), contains("Password must be at least 10 characters long"));
        assertThat(rules.passwordProblems("x".repeat(129) + "abcd", null), contains("Password must be at most 128 characters long"));
        assertThat(rules.passwordProblems("abababababab", null), contains("Password must not be made of so few different characters"));
        assertThat(rules.passwordProblems("Password123", null), contains("Password is too common; choose one that is harder to guess"));
        assertThat(rules.passwordProblems("grace-secret-99", "grace@example.com"), contains("Password must not contain your email address"));
    }
}
