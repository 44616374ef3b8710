// The Java half of AndroidKeystoreDeviceSecretStore: packaged with the app's Android sources.
// The Keystore's AES key never leaves secure hardware; only the wrapped secret is on disk.
package org.chevet.platform;

import android.security.keystore.KeyGenParameterSpec;
import android.security.keystore.KeyProperties;

import java.io.File;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

public final class DeviceSecret {
    private static final int IV_SIZE = 12;

    // The device secret: unwrapped from `wrappedPath`, or made, wrapped and saved on first use.
    public static byte[] get(String alias, String wrappedPath) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("AndroidKeyStore");
        keyStore.load(null);
        if (!keyStore.containsAlias(alias)) {
            KeyGenerator generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, "AndroidKeyStore");
            generator.init(new KeyGenParameterSpec.Builder(alias,
                    KeyProperties.PURPOSE_ENCRYPT | KeyProperties.PURPOSE_DECRYPT)
                    .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                    .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                    .setKeySize(256)
                    .build());
            generator.generateKey();
        }
        SecretKey key = (SecretKey) keyStore.getKey(alias, null);
        File file = new File(wrappedPath);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        if (file.exists()) {
            byte[] wrapped = Files.readAllBytes(file.toPath());
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, wrapped, 0, IV_SIZE));
            return cipher.doFinal(wrapped, IV_SIZE, wrapped.length - IV_SIZE);
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        cipher.init(Cipher.ENCRYPT_MODE, key); // the Keystore picks the IV
        byte[] sealed = cipher.doFinal(secret);
        byte[] wrapped = Arrays.copyOf(cipher.getIV(), IV_SIZE + sealed.length);
        System.arraycopy(sealed, 0, wrapped, IV_SIZE, sealed.length);
        File partial = new File(wrappedPath + ".part");
        Files.write(partial.toPath(), wrapped);
        if (!partial.renameTo(file))
            throw new java.io.IOException("cannot save the wrapped device secret");
        return secret;
    }

    // Forget this device: the Keystore key goes, so the wrapped secret can never be opened again; the
    // wrapped secret goes too.
    public static void forget(String alias, String wrappedPath) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("AndroidKeyStore");
        keyStore.load(null);
        if (keyStore.containsAlias(alias))
            keyStore.deleteEntry(alias);
        File file = new File(wrappedPath);
        if (file.exists() && !file.delete())
            throw new java.io.IOException("cannot delete the wrapped device secret");
    }
}
