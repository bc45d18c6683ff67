"""Sum-of-squares certificates for polynomial inequalities: a numerical SDP proposes a Gram matrix, an
exact rounding turns it into a certificate, and the kernel checks the certificate exactly.
"""
