/**
 * An email address as the pre-chat form and `POST /session` accept it: dot-separated
 * runs of the characters RFC 5322 allows unquoted, an `@`, then a host name of
 * letter/digit labels ending in a top-level domain of two letters or more.
 */
export const EMAIL_ADDRESS = /^[\w!#$%&'*+/=?^`{|}~-]+(\.[\w!#$%&'*+/=?^`{|}~-]+)*@([a-z\d]([a-z\d-]*[a-z\d])?\.)+[a-z]{2,}$/i;
