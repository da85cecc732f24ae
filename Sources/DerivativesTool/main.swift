import DerivativesChapter

DerivativesCommand.main()
