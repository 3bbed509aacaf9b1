package dev.llmops.core.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;

/** Validates phone candidates with libphonenumber: international ones as such, national ones per region. */
final class PhoneValidator {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private final List<String> regions;
  private final boolean[] trunkZero;

  PhoneValidator(List<String> regions) {
    this.regions = List.copyOf(regions);
    this.trunkZero = new boolean[regions.size()];
    for (int i = 0; i < regions.size(); i++) {
      trunkZero[i] = "0".equals(UTIL.getNddPrefixForRegion(regions.get(i), true));
    }
  }

  boolean valid(String digits, boolean international) {
    try {
      if (international) {
        PhoneNumber pn = UTIL.parse(digits, "ZZ");
        return UTIL.isValidNumber(pn);
      }
      // a national number written with a trunk 0 belongs to a region that dials one (GB, DE, FR), and
      // one without to a region that does not (US, ES): the other regions are not worth a parse
      boolean zero = !digits.isEmpty() && digits.charAt(0) == '0';
      for (int i = 0; i < regions.size(); i++) {
        if (trunkZero[i] != zero) {
          continue;
        }
        String region = regions.get(i);
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
