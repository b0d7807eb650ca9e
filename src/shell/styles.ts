/** The pre-boot shell is H5's alone (styles.h5.ts); the mini-program loads nothing for it. */
export {};
