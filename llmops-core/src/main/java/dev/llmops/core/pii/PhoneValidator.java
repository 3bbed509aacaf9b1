package dev.llmops.core.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;

/** Validates phone candidates with libphonenumber: international ones as such, national ones per region. */
final class PhoneValidator {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private final List<String> regions;

  PhoneValidator(List<String> regions) {
    this.regions = List.copyOf(regions);
  }

  boolean valid(String digits, boolean international) {
    try {
      if (international) {
        PhoneNumber pn = UTIL.parse(digits, "ZZ");
        return UTIL.isValidNumber(pn);
      }
      for (String region : regions) {
        PhoneNumber pn = UTIL.parse(digits, region);
        if (pn.getCountryCode() == UTIL.getCountryCodeForRegion(region) && UTIL.isValidNumber(pn)) {
          return true;
        }
      }
      return false;
    } catch (NumberParseException e) {
      return false;
    }
  }

  static boolean knownRegion(String region) {
    return UTIL.getSupportedRegions().contains(region);
  }
}
